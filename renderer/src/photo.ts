/** The longest side of a reader's photo once made smaller: enough for a card and the record. */
const maxSide = 600;
/** Well under the contract's 400 000-character limit for a photo's data URL. */
const maxLength = 300_000;

/**
 * A picture file as a JPEG data URL, at most 600 px on its longest side:
 * drawn on a canvas (on white, for PNGs with transparency), then encoded at
 * falling quality until it is small enough. Rejects what cannot be decoded.
 */
export async function photoDataUrl(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.85, 0.75, 0.6, 0.45, 0.3]) {
      const url = canvas.toDataURL('image/jpeg', quality);
      if (url.length <= maxLength) return url;
    }
    throw new Error('photo too large even at low quality');
  } finally {
    bitmap.close();
  }
}
