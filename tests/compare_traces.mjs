// Runs tests/loss_trace natively and as WebAssembly under Node and checks that the two loss sequences agree to
// within float rounding over 200 steps (SIMD widths and transcendental implementations differ, so bitwise
// equality is not expected across builds; within one build it is, see test_determinism.cpp).
import { execFileSync } from 'node:child_process';

const [nativeBin, wasmJs] = process.argv.slice(2);
const parse = (out) => out.trim().split('\n').map(Number);
const native = parse(execFileSync(nativeBin, { encoding: 'utf8' }));
const wasm = parse(execFileSync(process.execPath, ['--no-experimental-fetch', wasmJs], { encoding: 'utf8' }));
let worst = 0;
for (let i = 0; i < native.length; i++) worst = Math.max(worst, Math.abs(native[i] - wasm[i]) / Math.abs(native[i]));
const ok = native.length === 200 && wasm.length === 200 && worst < 1e-3 && native[199] < native[0] * 0.6;
console.log(`native vs wasm over ${native.length} steps: first loss ${native[0].toFixed(6)} / ${wasm[0].toFixed(6)}, ` +
            `last ${native[199].toFixed(6)} / ${wasm[199].toFixed(6)}, worst relative difference ${worst.toExponential(2)}`);
console.log(`agreement: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
process.exit(ok ? 0 : 1);
