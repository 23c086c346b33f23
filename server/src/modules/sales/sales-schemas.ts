import { Type } from '@sinclair/typebox';

/** TypeBox pieces shared by the sales route modules. */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const Uuid = Type.String({ format: 'uuid' });
export const Ok = Type.Object({ ok: Type.Literal(true) });
export const Text = (max: number, min = 0) => Type.String({ maxLength: max, minLength: min });
// Request bodies: nullable values are a type list, not anyOf, because Ajv's type coercion would turn null
// into 0 or "" inside the first anyOf branch.
export const NullableInt = (minimum: number, maximum: number) => Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum, maximum });
export const NullableUuid = Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'uuid' });
export const NullableText = (maxLength: number, minLength = 0) => Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength, minLength });
export const Loose = Type.Object({}, { additionalProperties: true });
export const Data = <T extends ReturnType<typeof Type.Object>>(t: T) => Type.Object({ data: Type.Array(t) });
export const Label = Type.Object({ 'zh-CN': Type.Optional(Type.String()), 'en-US': Type.Optional(Type.String()) });
export const Timeline = Type.Object({ data: Type.Array(Loose), nextCursor: Type.Union([Type.String(), Type.Null()]) });
