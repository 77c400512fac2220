/** One module for both processors: one request, and one thing for a CSP to allow. */
import './capture-worklet.js';
import './playback-worklet.js';
