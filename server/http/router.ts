import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { errorBody } from './errors';

/**
 * Every router validates with zod and answers bad input in the API's error shape, with each
 * issue's path so a form can point at the field.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = result.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message,
        }));
        return c.json(errorBody('invalid_input', '输入无效（invalid input）', details), 400);
      }
    },
  });
}
