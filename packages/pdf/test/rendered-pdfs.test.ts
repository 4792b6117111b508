// The cache of rendered PDFs: a job asked for again is answered without rendering, a job that
// differs in anything is rendered, renders of one job under way are joined, and the cache keeps
// within its bytes.
import type { RenderJob } from '../src/jobs';
import { renderedPdfs } from '../src/rendered-pdfs';
import { paymentOrderVoucher } from './fixtures';

const job = (documentNumber: string, verificationUrl?: string): RenderJob => ({
  voucher: 'payment-order',
  data: { ...paymentOrderVoucher, documentNumber },
  verificationUrl,
});

/** A stand-in renderer: counts its calls and gives `size` bytes naming the job. */
function renderer(size = 1000) {
  const calls: RenderJob[] = [];
  return {
    calls,
    for: (rendered: RenderJob) => () => {
      calls.push(rendered);
      const pdf = Buffer.alloc(size, ' ');
      pdf.write(`${rendered.data.documentNumber} ${rendered.verificationUrl ?? ''}`);
      return Promise.resolve(pdf);
    },
  };
}

describe('renderedPdfs', () => {
  it('answers a job asked for again with the bytes rendered the first time', async () => {
    const cache = renderedPdfs(1_000_000);
    const render = renderer();
    const first = await cache.get(job('支-1'), render.for(job('支-1')));
    // Equal data, another object: the key is the data, not the object.
    const again = await cache.get(structuredClone(job('支-1')), render.for(job('支-1')));
    expect(again).toBe(first);
    expect(render.calls).toHaveLength(1);
    expect(cache.stats).toEqual({ hits: 1, renders: 1 });
  });

  it('renders a job whose data or verification address differs in anything', async () => {
    const cache = renderedPdfs(1_000_000);
    const render = renderer();
    const confirmed = job('支-1');
    const unconfirmed: RenderJob = {
      voucher: 'payment-order',
      data: { ...paymentOrderVoucher, documentNumber: '支-1', confirmation: undefined },
    };
    for (const variant of [confirmed, unconfirmed, job('支-2'), job('支-1', 'https://x/1')]) {
      await cache.get(variant, render.for(variant));
    }
    expect(render.calls).toHaveLength(4);
    const other: RenderJob = { voucher: 'contract', data: confirmed.data as never };
    await cache.get(other, render.for(other));
    expect(render.calls).toHaveLength(5);
  });

  it('joins renders of the same job under way rather than rendering it twice', async () => {
    const cache = renderedPdfs(1_000_000);
    const render = renderer();
    const [a, b, c] = await Promise.all([
      cache.get(job('支-1'), render.for(job('支-1'))),
      cache.get(job('支-1'), render.for(job('支-1'))),
      cache.get(job('支-2'), render.for(job('支-2'))),
    ]);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(render.calls.map((call) => call.data.documentNumber)).toEqual(['支-1', '支-2']);
  });

  it('keeps no failure: the next request renders again', async () => {
    const cache = renderedPdfs(1_000_000);
    await expect(
      cache.get(job('支-1'), () => Promise.reject(new Error('worker died'))),
    ).rejects.toThrow('worker died');
    const render = renderer();
    await cache.get(job('支-1'), render.for(job('支-1')));
    expect(render.calls).toHaveLength(1);
  });

  it('keeps within its bytes, dropping the least recently asked for', async () => {
    const cache = renderedPdfs(2500);
    const render = renderer(1000);
    for (const name of ['支-1', '支-2', '支-1', '支-3']) {
      await cache.get(job(name), render.for(job(name)));
    }
    // 支-1 was asked for after 支-2: 支-2 made room for 支-3.
    expect(render.calls.map((call) => call.data.documentNumber)).toEqual(['支-1', '支-2', '支-3']);
    await cache.get(job('支-1'), render.for(job('支-1')));
    await cache.get(job('支-2'), render.for(job('支-2')));
    expect(render.calls.map((call) => call.data.documentNumber)).toEqual([
      '支-1',
      '支-2',
      '支-3',
      '支-2',
    ]);
  });

  it('keeps nothing larger than all its bytes', async () => {
    const cache = renderedPdfs(500);
    const render = renderer(1000);
    await cache.get(job('支-1'), render.for(job('支-1')));
    await cache.get(job('支-1'), render.for(job('支-1')));
    expect(render.calls).toHaveLength(2);
  });

  it('with no bytes, renders every request, even of a job under way', async () => {
    const cache = renderedPdfs(0);
    const render = renderer();
    await Promise.all([
      cache.get(job('支-1'), render.for(job('支-1'))),
      cache.get(job('支-1'), render.for(job('支-1'))),
    ]);
    await cache.get(job('支-1'), render.for(job('支-1')));
    expect(render.calls).toHaveLength(3);
    expect(cache.stats).toEqual({ hits: 0, renders: 3 });
  });
});
