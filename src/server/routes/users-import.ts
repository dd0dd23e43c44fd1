// POST /api/v1/users/import (issue 7): one batch of `roster users import`.
// Rows are answered one by one (created, exists or error); only a body of the
// wrong shape, or too many rows that need an argon2id hash, is a 400.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { importUsers } from '../../domain/users-import.js';
import { ImportBody, ImportResponse } from '../schemas/users-import.js';

/** 10,000 rows of ordinary users are about 2.5 MiB; the CLI keeps each request under 6 MiB whatever its rows hold. */
const importBodyLimit = 8 * 1024 * 1024;

export const userImportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/v1/users/import', {
    bodyLimit: importBodyLimit,
    schema: { body: ImportBody, response: { 200: ImportResponse } },
    config: { access: 'user.create' },
  }, (request) => importUsers(request.ctx, request.body));
};
