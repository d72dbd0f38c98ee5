// One colour per class, in the classes' order (theme.css names; the charts and the tables use the same).
const COLORS = ['--c-orange', '--c-blue', '--c-green', '--c-violet', '--c-pink', '--c-cyan', '--c-amber', '--c-grey'];

export const classColor = (i) => COLORS[i % COLORS.length];
