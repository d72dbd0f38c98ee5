// Boots the page with the registered model families (families.js). Nothing else: the shell (shell/boot.js)
// builds the page around them.
import { FAMILIES } from './families.js';
import { boot } from './shell/boot.js';

boot(FAMILIES);
