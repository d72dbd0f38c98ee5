// When the seq2seq accuracy curve is measured: the shared schedule (shell/eval-schedule.js), on the first
// EVAL_LIMIT held-out examples. No DOM here: the worker and the page both read it.
import { nextEval } from '../shell/eval-schedule.js';

export const S2S_EVAL_LIMIT = 200;

export const s2sNextEval = nextEval;
