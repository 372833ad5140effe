/**
 * One short cue per outcome, synthesised with the Web Audio API (no audio
 * files): a rising chirp for success, two even beeps for a warning, a low
 * buzz for an error. Sound is a help, never a requirement: when audio is
 * missing or blocked, nothing is thrown.
 */
export type Cue = 'success' | 'warning' | 'error';

interface Tone {
  frequency: number;
  start: number;
  duration: number;
  type: OscillatorType;
}

const cues: Record<Cue, Tone[]> = {
  success: [
    { frequency: 880, start: 0, duration: 0.07, type: 'sine' },
    { frequency: 1320, start: 0.08, duration: 0.09, type: 'sine' },
  ],
  warning: [
    { frequency: 660, start: 0, duration: 0.11, type: 'triangle' },
    { frequency: 660, start: 0.17, duration: 0.11, type: 'triangle' },
  ],
  error: [{ frequency: 196, start: 0, duration: 0.32, type: 'square' }],
};

type AudioContextClass = typeof AudioContext;
let context: AudioContext | null | undefined;

function audioContext(): AudioContext | null {
  if (context !== undefined) return context;
  try {
    const scope = globalThis as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
    const Ctor = scope.AudioContext ?? scope.webkitAudioContext;
    context = Ctor ? new Ctor() : null;
  } catch {
    context = null;
  }
  return context;
}

export function playCue(cue: Cue): void {
  try {
    const audio = audioContext();
    if (!audio) return;
    // Autoplay policy: a context made before any key press starts suspended.
    if (audio.state === 'suspended') audio.resume().catch(() => undefined);
    const t0 = audio.currentTime + 0.01;
    for (const tone of cues[cue]) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = tone.type;
      oscillator.frequency.value = tone.frequency;
      const start = t0 + tone.start;
      const end = start + tone.duration;
      // Short ramps avoid clicks at the edges.
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(cue === 'error' ? 0.12 : 0.2, start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, end);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(end + 0.02);
    }
  } catch {
    // No sound card, or audio blocked: the words on screen still say it all.
  }
}
