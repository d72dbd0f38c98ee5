// The lab's lessons (the registry: web/lessons.js). steps: 0, as nothing trains: the lesson is the link.
export default Object.freeze([
  Object.freeze({
    id: 'order-matters',
    title: 'Order matters: the lectures\' worked example',
    caption: [
      'Every weight 1, no bias, a linear RNN: the inputs [1,1], [1,1], [2,2] give the outputs [4,4], [12,12], [32,32].',
      'Press "Reverse the order": the same three inputs as [2,2], [1,1], [1,1] give [8,8], [20,20], [44,44]. The state remembers what came first.',
    ],
    link: 'v=2&mode=lab&input_size=2&hidden=2&output_size=2&activation=linear&w_in=1,1;1,1&w_rec=1,1;1,1&b_h=0,0&w_out=1,1;1,1&b_y=0,0&inputs=1,1;1,1;2,2&focus=3',
    steps: 0,
  }),
]);
