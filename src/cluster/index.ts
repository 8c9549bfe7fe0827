// Clustering: k-means and clustering metrics.
export { KMeans } from './kmeans.js';
export type { KMeansOptions } from './kmeans.js';
export { silhouetteScore, adjustedRandScore } from './metrics.js';
