// Catalog entries of the examples on neurons, gradients and training mechanics (merged in catalog.ts).

/** Examples A: one entry per example folder, in the order the texts introduce the ideas. */
export const entries = [
  { name: 'oyster', title: 'Oyster ripeness', concept: 'A hand-written rule (size > 7.5) versus a single neuron that learns the threshold from noisy labelled data.' },
  { name: 'perceptron', title: 'Perceptron and XOR', concept: "Rosenblatt's rule learns AND and OR but never XOR; a two-layer MLP trained by backpropagation solves it." },
  { name: 'backprop-by-hand', title: 'Backpropagation by hand', concept: "The texts' worked example: the error split in proportion to the weights, the true gradient from autograd, and the loss after each update." },
  { name: 'activations', title: 'Activation functions', concept: 'Step, sigmoid, tanh, ReLU, Leaky ReLU, ELU, GELU and softmax with their derivatives; why a step cannot be trained by gradient descent.' },
  { name: 'losses', title: 'Loss functions', concept: 'MSE versus cross-entropy on the same classifier, and why accuracy cannot be the loss (its gradient is zero).' },
  { name: 'optimizers', title: 'Optimizers race', concept: 'SGD, Momentum, Nesterov, AdaGrad, RMSprop, AdaDelta, Adam and Nadam on 2-D loss surfaces and on digits.' },
  { name: 'batch-epochs', title: 'Batches and epochs', concept: '1,000 samples in batches of 20: 50 updates per epoch, 500 in 10 epochs, counted from callbacks.' },
] as const;
