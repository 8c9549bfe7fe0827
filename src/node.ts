/**
 * tensorgrad for Node: everything of the browser-safe entry, plus file IO (datasets, images, CSV, models,
 * reports) and the native backend, selected by default when its addon was built at install.
 */
export * from './index.js';
export { loadIdx } from './data/node/idx.js';
export { loadCsv } from './data/node/csv.js';
export type { LoadCsvOptions, CsvData, CsvColumnType } from './data/node/csv.js';
export { loadImage, decodeImage, imageFolderDataset } from './data/node/image.js';
export type { LoadImageOptions, ImageFolderOptions, ImageFolderData } from './data/node/image.js';
export { loadDigits } from './data/node/digits.js';
export type { DigitsOptions, DigitsData } from './data/node/digits.js';
export { loadMnist, loadFashionMnist, FASHION_MNIST_CLASSES, DEBIAN_FASHION_MNIST_DIR } from './data/node/mnist.js';
export type { MnistData } from './data/node/mnist.js';
export * from './report/index.js';
export { writeReport, writeSvg, writeFileAtomic } from './report/node/write.js';
export type { WrittenReport } from './report/node/write.js';
export { fileSystem } from './io/node/index.js';
export { loadNativeBackend, registerNativeBackend, nativeUnavailableReason, setNumThreads, getNumThreads, nativeInfo } from './backends/native/index.js';
export type { NativeInfo } from './backends/native/index.js';
import { loadNativeBackend } from './backends/native/index.js';

// In Node the native backend is the default wherever its addon was built (TENSORGRAD_BACKEND=cpu opts out); when it
// is missing, tensorgrad says so once and runs on the reference backend.
loadNativeBackend();
