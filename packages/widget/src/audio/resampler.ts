/**
 * An anti-aliased rational resampler: a Kaiser-windowed sinc low-pass, run
 * as a polyphase filter so that each output sample costs one short dot
 * product. It runs inside the capture worklet (native rate to 24 kHz) and the
 * playback worklet (24 kHz to native) when the browser will not give us a
 * 24 kHz AudioContext.
 */

/** Stopband attenuation the Kaiser window is designed for, in dB. */
const ATTENUATION_DB = 70;
/** Transition band of the low-pass, in Hz: flat below (cutoff - width/2), silent above (cutoff + width/2). */
const TRANSITION_HZ = 3000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Modified Bessel function of the first kind, order 0, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

export interface Resampler {
  /** Resamples the next block; returns as many output samples as the input so far allows. */
  process(input: Float32Array): Float32Array;
}

export function createResampler(inRate: number, outRate: number): Resampler {
  if (inRate === outRate) return { process: (input) => input };
  const g = gcd(inRate, outRate);
  const up = outRate / g;
  const down = inRate / g;
  // The cutoff sits a half transition below the lower Nyquist, so that nothing above it folds back.
  const nyquist = Math.min(inRate, outRate) / 2;
  const cutoff = nyquist - TRANSITION_HZ / 2;
  const beta = 0.1102 * (ATTENUATION_DB - 8.7);
  // Taps per phase, at the input rate, from Kaiser's estimate.
  const taps = Math.ceil((ATTENUATION_DB - 7.95) / (2.285 * ((2 * Math.PI * TRANSITION_HZ) / inRate)) / 2) * 2 + 1;
  const length = taps * up;
  const centre = (length - 1) / 2;
  const fc = cutoff / (inRate * up);
  const i0Beta = besselI0(beta);
  // phases[p][k] multiplies the input sample k steps back, for output phase p.
  const phases: Float32Array[] = Array.from({ length: up }, () => new Float32Array(taps));
  for (let n = 0; n < length; n++) {
    const x = n - centre;
    const sinc = x === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
    const r = (2 * n) / (length - 1) - 1;
    const window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
    phases[n % up]![Math.floor(n / up)] = sinc * window * up;
  }

  const history = new Float32Array(taps);
  let filled = 0; // samples written into history so far, capped at taps
  let write = 0; // ring position in history
  let position = 0; // next output's position on the upsampled grid, relative to the newest input

  return {
    process(input) {
      const out: number[] = [];
      for (let i = 0; i < input.length; i++) {
        history[write] = input[i]!;
        write = (write + 1) % taps;
        if (filled < taps) filled++;
        // Every output whose upsampled position falls on or before this input sample can be made now.
        while (position < up) {
          const phase = position;
          const coeffs = phases[phase]!;
          let acc = 0;
          let idx = write - 1;
          for (let k = 0; k < taps; k++) {
            if (idx < 0) idx += taps;
            acc += coeffs[k]! * history[idx]!;
            idx--;
          }
          out.push(acc);
          position += down;
        }
        position -= up;
      }
      return Float32Array.from(out);
    },
  };
}
