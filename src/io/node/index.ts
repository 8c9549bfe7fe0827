// Node-only model IO: importing this module lets `saveModel` / `loadLayersModel` / `model.save` take 'file://'
// URLs and plain paths.
import { registerLoadRouter, registerSaveRouter } from '../router.js';
import { fileRouter } from './file-handler.js';

registerSaveRouter(fileRouter);
registerLoadRouter(fileRouter);

export { fileSystem, fileRouter } from './file-handler.js';
export type { FileSystemOptions } from './file-handler.js';
