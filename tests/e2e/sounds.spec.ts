import { expect, mustCall, test } from './desk-fixture';
import { openDesk, scan, seedLibrary } from './seed';

// A stand-in AudioContext that notes each tone (type:frequency) instead of playing it.
const recordingAudio = `(() => {
  window.__tones = [];
  class RecordingAudioContext {
    state = 'running';
    currentTime = 0;
    destination = {};
    createOscillator() {
      const oscillator = {
        type: 'sine',
        frequency: { value: 0 },
        connect: (node) => node,
        start: () => window.__tones.push(oscillator.type + ':' + oscillator.frequency.value),
        stop: () => undefined,
      };
      return oscillator;
    }
    createGain() {
      return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (node) => node };
    }
    resume() {
      return Promise.resolve();
    }
  }
  window.AudioContext = RecordingAudioContext;
})()`;

test('success, warning and error each sound their own cue', async ({ page, desk }) => {
  const { hoa, minh, books } = await seedLibrary(desk);
  await mustCall(desk, 'circulation.checkout', { patron: minh.card, item: books[0]!.barcode });
  await mustCall(desk, 'circulation.checkout', { patron: hoa.card, item: books[1]!.barcode });
  await page.addInitScript(recordingAudio);
  await openDesk(page, desk.url);
  const tones = async () => {
    const all = (await page.evaluate('window.__tones.splice(0)')) as string[];
    return [...new Set(all)].sort();
  };

  await scan(page, hoa.card);
  await expect(page.getByTestId('live-status')).toContainText(hoa.name);
  await expect.poll(tones).toEqual(['sine:1320', 'sine:880']);

  await scan(page, books[1]!.barcode); // already hers: a warning
  await expect(page.getByTestId('renew')).toBeVisible();
  await expect.poll(tones).toEqual(['triangle:660']);

  await scan(page, books[0]!.barcode); // lent to someone else: an error
  await expect(page.getByTestId('live-alert')).toContainText(minh.name);
  await expect.poll(tones).toEqual(['square:196']);
});

test('a desk whose audio is blocked still works, silently', async ({ page, desk }) => {
  const { hoa, books } = await seedLibrary(desk);
  await page.addInitScript(`window.AudioContext = function () { throw new Error('audio blocked'); };`);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openDesk(page, desk.url);
  await scan(page, hoa.card);
  await scan(page, books[0]!.barcode);
  await expect(page.getByTestId('live-status')).toContainText(books[0]!.barcode);
  expect(errors).toEqual([]);
});
