import type { OperationHandlers } from '@denpyo/platform';
import { buildOpenApiDocument, type OperationsOf } from '@denpyo/schemas';
import type { PortalApplication } from '../application';
import { DOCS_CSP, DOCS_PAGE } from './docs';
import { sessionReply, signedOutReply } from './session';

/** Each portal operation (declared in @denpyo/schemas) handed to its use case. */
export function portalRoutes(app: PortalApplication): OperationHandlers<OperationsOf<'portal'>> {
  let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;
  return {
    login: ({ body, clientAddress }) => app.logIn(body, clientAddress),
    createSession: async ({ body, clientAddress }) =>
      sessionReply(await app.createSession(body, clientAddress)),
    getSession: ({ caller }) => app.readSession(caller),
    logout: async () => signedOutReply(await app.logOut()),
    changePassword: ({ body, caller, clientAddress }) =>
      app.changePassword(body, caller, clientAddress),
    createUser: ({ body, caller }) => app.createUser(body, caller),
    listUsers: ({ query }) => app.listUsers(query),
    disableUser: ({ params, caller }) => app.disableUser(params.username, caller),
    createVendorPortalUser: ({ params, body, caller }) =>
      app.createVendorPortalUser(params.id, body, caller),
    searchPortalAudit: ({ query }) => app.searchAudit(query),
    getOpenApiDocument: (_req, res) => {
      openApiDocument ??= buildOpenApiDocument();
      res.json(openApiDocument);
    },
    getApiReference: (_req, res) => {
      res.setHeader('Content-Security-Policy', DOCS_CSP);
      res.type('html').send(DOCS_PAGE);
    },
  };
}
