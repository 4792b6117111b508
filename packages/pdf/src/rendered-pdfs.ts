// The PDFs this process rendered, kept for when they are asked for again. A voucher's bytes are a
// function of the job alone (its kind, its data and the QR code's address): renderPdf dates the
// document from the data and prints nothing else of the moment, so the same job gives the same
// bytes on any worker. Keyed by the hash of the whole job, an entry can never be stale: once the
// record moves on, its voucher data and so its key change, and the old entry just ages out.
import { LRUCache } from 'lru-cache';
import { verificationHash } from './hash';
import type { RenderJob } from './jobs';

export interface RenderedPdfs {
  /**
   * The PDF of `job`: the one kept from an earlier render, the one being rendered for the same
   * job right now, or the one `render` makes (kept if it fits the cache). The bytes are shared
   * between callers: never write to them.
   */
  get(job: RenderJob, render: () => Promise<Buffer>): Promise<Buffer>;
  /** Renders answered from the cache or joined while under way, and renders done. */
  readonly stats: { hits: number; renders: number };
  clear(): void;
}

/** The cache key of a job: everything a voucher's bytes depend on. */
function keyOf(job: RenderJob): string {
  return `${job.voucher}:${verificationHash({ data: job.data, url: job.verificationUrl ?? null })}`;
}

/**
 * Keeps the most recently asked-for PDFs up to `maxBytes` in all; with 0, keeps none and joins
 * nothing: every request renders.
 */
export function renderedPdfs(maxBytes: number): RenderedPdfs {
  const stats = { hits: 0, renders: 0 };
  if (maxBytes <= 0) {
    return {
      get(_job, render) {
        stats.renders += 1;
        return render();
      },
      stats,
      clear() {},
    };
  }
  const kept = new LRUCache<string, Buffer>({
    maxSize: maxBytes,
    sizeCalculation: (pdf) => pdf.length,
  });
  const underWay = new Map<string, Promise<Buffer>>();
  return {
    get(job, render) {
      const key = keyOf(job);
      const known = kept.get(key) ?? underWay.get(key);
      if (known) {
        stats.hits += 1;
        return Promise.resolve(known);
      }
      stats.renders += 1;
      const rendering = render()
        .then((pdf) => {
          // A PDF larger than the whole cache is not kept (lru-cache would refuse it).
          if (pdf.length <= maxBytes) kept.set(key, pdf);
          return pdf;
        })
        .finally(() => underWay.delete(key));
      underWay.set(key, rendering);
      return rendering;
    },
    stats,
    clear() {
      kept.clear();
    },
  };
}
