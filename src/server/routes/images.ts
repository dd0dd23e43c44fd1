import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createImage, imagesForActor, listOrgImages, removeImage, updateImageDetails } from '../../domain/images.js';
import { NoContent } from '../schemas/common.js';
import { CreateImageBody, ImageEnvelope, ImageList, ImageParams, OrgRefParams, UpdateImageBody } from '../schemas/orgs.js';

export const imageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/images', {
    schema: { response: { 200: ImageList } },
    config: { access: 'image.read.own' },
  }, async (request) => ({ images: await imagesForActor(request.ctx) }));

  app.get('/api/v1/orgs/:org/images', {
    schema: { params: OrgRefParams, response: { 200: ImageList } },
    config: { access: 'image.read.own' },
  }, async (request) => ({ images: await listOrgImages(request.ctx, request.params.org) }));

  app.post('/api/v1/orgs/:org/images', {
    schema: { params: OrgRefParams, body: CreateImageBody, response: { 201: ImageEnvelope } },
    config: { access: 'image.manage', orgManagersToo: true },
  }, async (request, reply) => reply.code(201).send({ image: await createImage(request.ctx, request.params.org, request.body) }));

  app.patch('/api/v1/images/:id', {
    schema: { params: ImageParams, body: UpdateImageBody, response: { 200: ImageEnvelope } },
    config: { access: 'image.manage', orgManagersToo: true },
  }, async (request) => ({ image: await updateImageDetails(request.ctx, request.params.id, request.body) }));

  app.delete('/api/v1/images/:id', {
    schema: { params: ImageParams, response: { 204: NoContent } },
    config: { access: 'image.manage', orgManagersToo: true },
  }, async (request, reply) => {
    await removeImage(request.ctx, request.params.id);
    return reply.code(204).send(null);
  });
};
