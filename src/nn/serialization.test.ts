import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Layer } from './layer.js';
import { classNameOf, lookupClass, registerClass, registerLayer, serialization } from './registry.js';
import { convertPythonicToTs, convertTsToPythonic, toCamelCase, toSnakeCase } from './serialization.js';

test('snake_case and camelCase identifiers convert as Keras / TensorFlow.js do', () => {
  assert.equal(toSnakeCase('kernelInitializer'), 'kernel_initializer');
  assert.equal(toSnakeCase('batchInputShape'), 'batch_input_shape');
  assert.equal(toSnakeCase('BatchNormalization'), 'batch_normalization');
  assert.equal(toSnakeCase('Conv2D'), 'conv2d');
  assert.equal(toSnakeCase('TensorFlow.js'), 'tensor_flow.js');
  assert.equal(toCamelCase('kernel_initializer'), 'kernelInitializer');
  assert.equal(toCamelCase('fan_avg'), 'fanAvg');
  assert.equal(toCamelCase('relu'), 'relu');
});

test('config conversion keeps names, class names and layer references', () => {
  const ts = {
    className: 'Model',
    config: {
      name: 'my_model',
      layers: [{ name: 'dense_A', className: 'Dense', config: { useBias: true, activation: 'hardSigmoid', name: 'dense_A' },
        inboundNodes: [[['input_B', 0, 0, {}]]] }],
      inputLayers: [['input_B', 0, 0]], outputLayers: [['dense_A', 0, 0]],
    },
  };
  const py = convertTsToPythonic(ts);
  assert.deepEqual(py, {
    class_name: 'Model',
    config: {
      name: 'my_model',
      layers: [{ name: 'dense_A', class_name: 'Dense', config: { use_bias: true, activation: 'hard_sigmoid', name: 'dense_A' },
        inbound_nodes: [[['input_B', 0, 0, {}]]] }],
      input_layers: [['input_B', 0, 0]], output_layers: [['dense_A', 0, 0]],
    },
  });
  assert.deepEqual(convertPythonicToTs(py), ts);
});

test('the registry finds classes by their own className (subclasses are not mistaken for parents)', () => {
  class Mine extends Layer { static readonly className: string = 'MineLayer'; }
  class Child extends Mine {}
  assert.equal(classNameOf(Mine), 'MineLayer');
  assert.equal(classNameOf(Child), 'Child');
  registerLayer(Mine);
  serialization.registerClass(Child);
  assert.equal(lookupClass('layer', 'MineLayer'), Mine);
  assert.equal(lookupClass('layer', 'Child'), Child);
  assert.equal(new Child().getClassName(), 'Child');
  assert.match(new Child().name, /^child_\d+$/);
  assert.throws(() => registerClass(class Plain {} as never), /Plain must extend Layer, Initializer or Regularizer/);
});
