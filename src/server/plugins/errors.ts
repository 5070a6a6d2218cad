// Turns every failure into the one error body: AppError as it is, schema validation as
// REQUEST_INVALID with the failing field, anything else as INTERNAL (logged, not shown).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Problem } from '../../platform/errors.ts';
import type { App } from '../types.ts';

function body(code: string, messageEn: string, messageZh: string, problems: readonly Problem[]) {
  return { error: { code, message: messageEn, messageZh, problems } };
}

function validationProblems(error: FastifyError): Problem[] {
  return (error.validation ?? []).map((v) => {
    const field = `${error.validationContext ?? 'request'}${v.instancePath.replace(/\//g, '.')}`;
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const name = missing ? `${field}.${missing}` : field;
    return {
      code: 'REQUEST_INVALID',
      messageZh: `请求参数 ${name} 不合规：${v.message ?? ''}`,
      messageEn: `${name} ${v.message ?? 'is invalid'}`,
      location: { field: name },
    };
  });
}

export function registerErrorHandling(app: App): void {
  app.setErrorHandler(
    (error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof AppError) {
        if (error.status >= 500) request.log.error({ err: error }, error.message);
        return reply
          .status(error.status)
          .send(body(error.code, error.message, error.messageZh, error.problems));
      }
      if (error.validation) {
        const problems = validationProblems(error);
        return reply
          .status(400)
          .send(
            body(
              'REQUEST_INVALID',
              `invalid request: ${error.message}`,
              '请求不合规，请检查各字段',
              problems,
            ),
          );
      }
      if (error.statusCode === 429) {
        return reply
          .status(429)
          .send(
            body(
              'RATE_LIMITED',
              'too many requests; wait a minute and try again',
              '请求过于频繁，请稍后再试',
              [],
            ),
          );
      }
      if (error.statusCode && error.statusCode < 500) {
        const code = error.code ?? 'REQUEST_INVALID';
        return reply
          .status(error.statusCode)
          .send(body(code, error.message, `请求无法处理：${error.message}`, []));
      }
      request.log.error({ err: error }, 'unexpected error');
      return reply
        .status(500)
        .send(
          body(
            'INTERNAL',
            'internal error; the server log has the details',
            '服务器内部错误，详情见服务器日志',
            [],
          ),
        );
    },
  );

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        body(
          'ROUTE_NOT_FOUND',
          `no route ${request.method} ${request.url}`,
          `没有该接口：${request.method} ${request.url}`,
          [],
        ),
      ),
  );
}
