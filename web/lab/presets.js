// The lab's presets: the lectures' worked example in both orders, and two to compare it with. Each sets the
// sizes, activation, matrices and inputs it names; the rest take their defaults (the lectures' network).
export const LAB_PRESETS = Object.freeze([
  { id: 'lectures', label: 'Lectures: [1,1], [1,1], [2,2]', title: 'Every weight 1, no bias, linear: outputs [4,4], [12,12], [32,32]', values: { inputs: '1,1;1,1;2,2', focus: 3 } },
  { id: 'reversed', label: 'Same inputs: [2,2], [1,1], [1,1]', title: 'The same network and inputs in another order: outputs [8,8], [20,20], [44,44]', values: { inputs: '2,2;1,1;1,1', focus: 3 } },
  { id: 'tanh', label: 'The same with tanh', title: 'The lectures\' network with a tanh: the state saturates near 1 and forgets the order', values: { activation: 'tanh', inputs: '1,1;1,1;2,2', focus: 3 } },
  { id: 'fading', label: 'A fading memory', title: 'One unit, W_rec = 0.5: each step keeps half of what came before', values: { input_size: 1, hidden: 1, output_size: 1, w_in: '1', w_rec: '0.5', b_h: '0', w_out: '1', b_y: '0', inputs: '1;0;0;0;0', focus: 5 } },
]);
