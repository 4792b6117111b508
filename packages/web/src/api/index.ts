export {
  ApiError,
  buildUrl,
  configureApi,
  csvUrl,
  getJson,
  getList,
  newIdempotencyKey,
  postJson,
  request,
  type ListParams,
  type Query,
  type RequestOptions,
} from './client';
export { allPages } from './all-pages';
export { DEFAULT_PAGE_SIZE, PAGE_SIZES, pageCount, type ListPage } from './list';
export { parseProblem, toApiError, type FieldProblem } from './problem';
export { detailQuery, listQuery, queryKeys, type Resource } from './queries';
export * from './resources';
