// The module each render worker thread loads (piscina calls its default export per job). The
// fonts are parsed here, once per worker when it starts, not once per document.
import { Piscina } from 'piscina';
import { japaneseFonts } from './font';
import { renderHere, type RenderJob } from './jobs';

japaneseFonts();

/** The PDF's memory is moved to the main thread, not copied. */
export default async function render(job: RenderJob): Promise<ReturnType<typeof Piscina.move>> {
  const pdf = await renderHere(job);
  // Moving hands over the whole ArrayBuffer: a PDF sharing one (a slice of Node's Buffer pool)
  // is copied into its own first.
  const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
  return Piscina.move(own ? pdf : new Uint8Array(pdf));
}
