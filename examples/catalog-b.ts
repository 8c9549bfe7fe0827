// Catalog entries of the examples on generalization, ensembles, convolutions, sequences and embeddings
// (merged in catalog.ts).

/** Examples B: one entry per example folder, in the order the texts introduce the ideas. */
export const entries = [
  { name: 'overfitting', title: 'Overfitting and its remedies', concept: 'A network memorises noisy labels (training accuracy up, validation down); early stopping, L1, L2, dropout and an ensemble each narrow the gap.' },
  { name: 'ensembles', title: 'Ensembles', concept: 'Hard and soft voting, bagging, AdaBoost and stacking, each compared with its own members on the same split.' },
  { name: 'cnn-filters', title: 'CNN filters and feature maps', concept: 'A small convolutional network learns digits; its first-layer filters and the feature maps they produce, drawn as images.' },
  { name: 'rnn-timeseries', title: 'Forecasting with an LSTM', concept: 'Daily US births 1969-1988: an LSTM forecasts the next day from the last weeks, against a dense network and the naive last-value forecast.' },
  { name: 'word-embeddings', title: 'Word embeddings and k-means', concept: 'Skip-gram Word2Vec with negative sampling on State of the Union addresses: nearest neighbours, a PCA map, k-means clusters.' },
  { name: 'transfer-learning', title: 'Transfer learning', concept: 'A CNN pretrained on digits 0-4, frozen, with a new head fine-tuned on a few samples of digits 5-9, beats the same network trained from scratch.' },
] as const;
