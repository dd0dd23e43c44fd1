import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fail } from '../../domain/errors.js';
import { apiUser, findUser, requireActor, visibleUser } from '../../domain/user-access.js';
import { createUser } from '../../domain/users-create.js';
import { activateUser, deleteUser, resetPassword, suspendUser, unlockUser } from '../../domain/users-lifecycle.js';
import { listUsersPage, userCsvColumns, userRowsForExport } from '../../domain/users-list.js';
import { csvStream } from '../../domain/csv.js';
import { parseUserFilter } from '../../domain/user-filter.js';
import { updateUserProfile } from '../../domain/users-update.js';
import { bulkUsers } from '../../domain/users-bulk.js';
import { permissionsOf } from '../../domain/permissions.js';
import { EmptyBody, NoContent, UserRefParams } from '../schemas/common.js';
import {
  BulkBody, BulkResponse, CreateUserBody, ListUsersQuery, Permissions, SuspendBody, TemporaryPassword, UpdateUserBody, UserEnvelope, UserPage, UserWithPassword,
} from '../schemas/users.js';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/users', {
    schema: { querystring: ListUsersQuery, response: { 200: UserPage } },
    config: { access: 'user.list' },
  }, (request) => listUsersPage(request.ctx, request.query));

  app.get('/api/v1/users/export.csv', {
    schema: { querystring: ListUsersQuery.pick({ q: true }), produces: ['text/csv'] },
    config: { access: 'user.list' },
  }, async (request, reply) => {
    parseUserFilter(request.query.q ?? ''); // a bad filter is a 400 before any CSV starts
    const stamp = new Date(request.ctx.now()).toISOString().slice(0, 19).replaceAll(':', '-');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="roster-users-${stamp}.csv"`)
      .send(csvStream(userCsvColumns, userRowsForExport(request.ctx, request.query.q)));
  });

  // Each user is changed by the same code as a single change; see domain/users-bulk.ts.
  app.post('/api/v1/users/bulk', {
    schema: { body: BulkBody, response: { 200: BulkResponse } },
    config: { access: 'user.update' },
  }, (request) => bulkUsers(request.ctx, request.body));

  app.post('/api/v1/users', {
    schema: { body: CreateUserBody, response: { 201: UserWithPassword } },
    config: { access: 'user.create' },
  }, async (request, reply) => reply.code(201).send(await createUser(request.ctx, request.body)));

  app.get('/api/v1/users/me/permissions', {
    schema: { response: { 200: Permissions } },
    config: { access: 'signed-in', duringPasswordChange: true },
  }, async (request) => {
    const actor = requireActor(request.ctx);
    return { siteRole: actor.role, permissions: permissionsOf(actor.role) };
  });

  app.get('/api/v1/users/:user', {
    schema: { params: UserRefParams, response: { 200: UserEnvelope } },
    // Your own user stays readable while a temporary password awaits its change;
    // the domain refuses other users to such a session (see below).
    config: { access: 'user.read.own', duringPasswordChange: true, actorMemberships: true },
  }, async (request) => {
    const ctx = request.ctx;
    const actor = requireActor(ctx);
    const ref = request.params.user;
    // `me` is every page's first question: answered from the row read with the session.
    if (ref === 'me' && actor.row) return { user: await apiUser(ctx.db.kysely, ctx, actor.row, actor.rowMemberships) };
    if (actor.mustChangePassword && (await findUser(ctx.db.kysely, ctx, ref))?.id !== actor.id) {
      fail('PASSWORD_CHANGE_REQUIRED', 'Change your temporary password before doing anything else.');
    }
    const target = await visibleUser(ctx.db.kysely, ctx, ref);
    return { user: await apiUser(ctx.db.kysely, ctx, target) };
  });

  app.patch('/api/v1/users/:user', {
    schema: { params: UserRefParams, body: UpdateUserBody, response: { 200: UserWithPassword } },
    config: { access: 'user.update.own' },
  }, (request) => updateUserProfile(request.ctx, request.params.user, request.body));

  app.delete('/api/v1/users/:user', {
    schema: { params: UserRefParams, response: { 204: NoContent } },
    config: { access: 'user.delete' },
  }, async (request, reply) => {
    await deleteUser(request.ctx, request.params.user);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/users/:user/reset-password', {
    schema: { params: UserRefParams, body: EmptyBody, response: { 200: TemporaryPassword } },
    config: { access: 'user.reset-password' },
  }, (request) => resetPassword(request.ctx, request.params.user));

  app.post('/api/v1/users/:user/suspend', {
    schema: { params: UserRefParams, body: SuspendBody, response: { 200: UserEnvelope } },
    config: { access: 'user.suspend' },
  }, async (request) => ({ user: await suspendUser(request.ctx, request.params.user, request.body ?? {}) }));

  app.post('/api/v1/users/:user/activate', {
    schema: { params: UserRefParams, body: EmptyBody, response: { 200: UserEnvelope } },
    config: { access: 'user.suspend' },
  }, async (request) => ({ user: await activateUser(request.ctx, request.params.user) }));

  app.post('/api/v1/users/:user/unlock', {
    schema: { params: UserRefParams, body: EmptyBody, response: { 200: UserEnvelope } },
    config: { access: 'user.suspend' },
  }, async (request) => ({ user: await unlockUser(request.ctx, request.params.user) }));
};
