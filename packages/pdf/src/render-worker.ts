// The module each render worker thread loads (piscina calls its default export per job). The
// fonts are parsed here, once per worker when it starts, not once per document.
import { japaneseFonts } from './font';
import { renderHere, type RenderJob } from './jobs';

japaneseFonts();

export default function render(job: RenderJob): Promise<Buffer> {
  return renderHere(job);
}
