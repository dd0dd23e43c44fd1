import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addMember, changeMemberRole, listMembers, removeMember } from '../../domain/org-members.js';
import { createOrg, deleteOrg, getOrg, listOrgs, updateOrgDetails } from '../../domain/orgs.js';
import { NoContent } from '../schemas/common.js';
import {
  AddMemberBody, CreateOrgBody, MemberEnvelope, MemberPage, MembersQuery, OrgEnvelope, OrgList, OrgMemberParams, OrgRefParams,
  UpdateMemberBody, UpdateOrgBody,
} from '../schemas/orgs.js';

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/v1/orgs', {
    schema: { response: { 200: OrgList } },
    config: { access: 'org.read.own' },
  }, async (request) => ({ orgs: await listOrgs(request.ctx) }));

  app.post('/api/v1/orgs', {
    schema: { body: CreateOrgBody, response: { 201: OrgEnvelope } },
    config: { access: 'org.create' },
  }, async (request, reply) => reply.code(201).send({ org: await createOrg(request.ctx, request.body) }));

  app.get('/api/v1/orgs/:org', {
    schema: { params: OrgRefParams, response: { 200: OrgEnvelope } },
    config: { access: 'org.read.own' },
  }, async (request) => ({ org: await getOrg(request.ctx, request.params.org) }));

  app.patch('/api/v1/orgs/:org', {
    schema: { params: OrgRefParams, body: UpdateOrgBody, response: { 200: OrgEnvelope } },
    config: { access: 'org.update' },
  }, async (request) => ({ org: await updateOrgDetails(request.ctx, request.params.org, request.body) }));

  app.delete('/api/v1/orgs/:org', {
    schema: { params: OrgRefParams, response: { 204: NoContent } },
    config: { access: 'org.delete' },
  }, async (request, reply) => {
    await deleteOrg(request.ctx, request.params.org);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/orgs/:org/members', {
    schema: { params: OrgRefParams, querystring: MembersQuery, response: { 200: MemberPage } },
    config: { access: 'org-member.list.own' },
  }, (request) => listMembers(request.ctx, request.params.org, request.query));

  app.post('/api/v1/orgs/:org/members', {
    schema: { params: OrgRefParams, body: AddMemberBody, response: { 201: MemberEnvelope } },
    config: { access: 'org-member.manage', orgManagersToo: true },
  }, async (request, reply) => reply.code(201).send({ member: await addMember(request.ctx, request.params.org, request.body) }));

  app.patch('/api/v1/orgs/:org/members/:user', {
    schema: { params: OrgMemberParams, body: UpdateMemberBody, response: { 200: MemberEnvelope } },
    config: { access: 'org-member.manage', orgManagersToo: true },
  }, async (request) => ({ member: await changeMemberRole(request.ctx, request.params.org, request.params.user, request.body.role) }));

  app.delete('/api/v1/orgs/:org/members/:user', {
    schema: { params: OrgMemberParams, response: { 204: NoContent } },
    config: { access: 'org-member.manage', orgManagersToo: true },
  }, async (request, reply) => {
    await removeMember(request.ctx, request.params.org, request.params.user);
    return reply.code(204).send(null);
  });
};
