// The lessons registry: every family's lessons (its folder's lessons.js, carried by its descriptor), in the
// order of the families. A lesson is {id, title, caption: [two short lines], link (a v2 hash), steps (the
// training the caption assumes)} plus the family it belongs to; the header's Lessons menu lists them and
// opening one loads its link (partial: the fields it leaves out take their defaults). DOM-free.
import { FAMILIES } from './families.js';

export const lessonsOf = (families) => Object.freeze(families.flatMap((f) => f.lessons.map((l) => Object.freeze({ ...l, family: f.id }))));

export const LESSONS = lessonsOf(FAMILIES);
