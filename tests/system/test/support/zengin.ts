import { decode } from 'iconv-lite';
import request from 'supertest';
import type { RunningSystem } from './system';

/** The records of an approved batch's Zengin file as the portal serves it (Shift_JIS, CRLF). */
export async function zenginRecords(
  system: RunningSystem,
  authorization: Record<string, string>,
  batchId: string,
): Promise<string[]> {
  const response = await request(system.portal.app)
    .get(`/api/transfer-batches/${batchId}/zengin`)
    .set(authorization)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return decode(response.body as Buffer, 'Shift_JIS')
    .split('\r\n')
    .filter(Boolean);
}
