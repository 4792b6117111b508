import { refuse, type Caller, type OperationHandlers, type Outcome } from '@denpyo/platform';
import {
  buildOpenApiDocument,
  PORTAL_OPERATIONS,
  type OperationDeclaration,
  type OperationsOf,
} from '@denpyo/schemas';
import type { PortalApplication } from '../application';
import { DOCS_CSP, DOCS_PAGE } from './docs';
import { refreshReply, sessionReply, signedOutReply } from './session';

/**
 * The signed-in operations a user who must first change a password someone else chose may
 * still call; every other one with roles is refused until then (the gateway does the same for
 * the services'). A new operation is gated unless it is added here.
 */
export const OPEN_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set([
  'getSession',
  'changePassword',
]);

/** Each portal operation (declared in @denpyo/schemas) handed to its use case. */
export function portalRoutes(app: PortalApplication): OperationHandlers<OperationsOf<'portal'>> {
  return gateUntilPasswordChanged(app, handlersOf(app));
}

function handlersOf(app: PortalApplication): OperationHandlers<OperationsOf<'portal'>> {
  let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;
  return {
    login: ({ body, clientAddress }) => app.logIn(body, clientAddress),
    createSession: async ({ body, clientAddress }) =>
      sessionReply(await app.createSession(body, clientAddress)),
    getSession: ({ caller }) => app.readSession(caller),
    logout: async ({ body, tokens }) =>
      signedOutReply(
        await app.logOut({
          accessToken: tokens.accessToken,
          refreshToken: body.refreshToken ?? tokens.refreshToken,
        }),
      ),
    // A refresh token in the body is a bearer client's: the new tokens go back in the body. One
    // in the cookie is a browser's: they go back in cookies.
    refreshSession: async ({ body, tokens }) => {
      if (body.refreshToken)
        return refreshReply(await app.refreshSession(body.refreshToken), 'bearer');
      if (tokens.refreshToken)
        return refreshReply(await app.refreshSession(tokens.refreshToken), 'browser');
      return refuse('unauthenticated', 'No refresh token: sign in again');
    },
    getJwks: (_req, res) => {
      // Services refetch on an unknown kid anyway; the cache only spares the portal.
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.json(app.publicKeys());
    },
    changePassword: ({ body, caller, clientAddress, tokens }) =>
      app.changePassword(body, caller, clientAddress, tokens.accessToken),
    createUser: ({ body, caller }) => app.createUser(body, caller),
    listUsers: ({ query }) => app.listUsers(query),
    disableUser: ({ params, caller }) => app.disableUser(params.username, caller),
    createVendorPortalUser: ({ params, body, caller }) =>
      app.createVendorPortalUser(params.id, body, caller),
    searchPortalAudit: ({ query }) => app.searchAudit(query),
    verifyPortalAudit: ({ query }) => app.verifyAudit(query.kept),
    verifyAuditTrails: ({ caller, query }) => app.verifyAuditTrails(caller, query.kept),
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

/** Wraps every operation with roles but those open before the change in the password gate. */
function gateUntilPasswordChanged(
  app: PortalApplication,
  handlers: OperationHandlers<OperationsOf<'portal'>>,
): OperationHandlers<OperationsOf<'portal'>> {
  const gated = Object.entries(handlers).map(([operationId, handler]) => {
    const operation: OperationDeclaration =
      PORTAL_OPERATIONS[operationId as keyof typeof PORTAL_OPERATIONS];
    // Public operations have no user; raw ones (documents) answer no one in particular.
    const open =
      !operation.roles ||
      operation.response.kind === 'raw' ||
      OPEN_BEFORE_PASSWORD_CHANGE.has(operationId);
    if (open) return [operationId, handler];
    const use = handler as (request: { caller?: Caller }) => Promise<Outcome<unknown>>;
    const guarded = async (request: { caller?: Caller }) =>
      (request.caller && (await app.refuseUntilPasswordChanged(request.caller.user.username))) ??
      use(request);
    return [operationId, guarded];
  });
  return Object.fromEntries(gated) as OperationHandlers<OperationsOf<'portal'>>;
}
