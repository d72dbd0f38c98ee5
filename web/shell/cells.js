// The engine's recurrent cells and optimizers as the page names them: the values its link fields take, the
// labels of its selects and its notices. Shared by every family. No DOM here.

export const CELLS = Object.freeze(['rnn_tanh', 'rnn_relu', 'lstm', 'lstm_peephole', 'lstm_coupled', 'gru']);
export const OPTIMIZERS = Object.freeze(['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam']);

export const CELL_NAMES = Object.freeze({
  lstm: 'LSTM', lstm_peephole: 'peephole LSTM', lstm_coupled: 'coupled LSTM', gru: 'GRU', rnn_tanh: 'tanh RNN', rnn_relu: 'ReLU RNN',
});

// [value, label] in the order the selects list them.
export const CELL_OPTIONS = Object.freeze([
  ['lstm', 'LSTM'], ['gru', 'GRU'], ['rnn_tanh', 'Vanilla RNN (tanh)'], ['rnn_relu', 'Vanilla RNN (ReLU)'],
  ['lstm_peephole', 'LSTM with peepholes'], ['lstm_coupled', 'LSTM, coupled gates'],
]);
export const OPTIM_OPTIONS = Object.freeze([['adam', 'Adam'], ['sgd', 'SGD'], ['momentum', 'SGD + momentum'], ['rmsprop', 'RMSprop'], ['adagrad', 'Adagrad']]);
export const LAYER_OPTIONS = Object.freeze([1, 2, 3, 4].map((n) => [String(n), String(n)]));
