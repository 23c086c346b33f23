import { Type } from '@sinclair/typebox';
import { FIELD_TYPES } from '../metadata/types.js';

const NAME = { maxLength: 100, description: 'camelCase, starting with a lower-case letter, at most 40 characters' };

export const LabelSchema = Type.Object({
  'zh-CN': Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  'en-US': Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
}, { additionalProperties: true, description: 'Bilingual label: at least one language, at most 100 characters each' });

const LabelOut = Type.Object({ 'zh-CN': Type.Optional(Type.String()), 'en-US': Type.Optional(Type.String()) });

export const ObjectNameParam = Type.Object({ object: Type.String({ maxLength: 100 }) });
export const FieldParams = Type.Object({ object: Type.String({ maxLength: 100 }), field: Type.String({ maxLength: 100 }) });

export const FieldOut = Type.Object({
  apiName: Type.String(),
  type: Type.Union(FIELD_TYPES.map((t) => Type.Literal(t))),
  label: LabelOut,
  required: Type.Boolean(),
  unique: Type.Boolean(),
  filterable: Type.Boolean({ description: 'Custom fields: whether lists may filter by it (and it is indexed)' }),
  sensitive: Type.Boolean(),
  readonly: Type.Boolean({ description: 'Not writable by this caller: system, computed, or read-only by field permission' }),
  system: Type.Boolean(),
  options: Type.Object({}, { additionalProperties: true, description: 'Type-specific: select options, relation target, precision/scale, auto-number format, formula…' }),
  position: Type.Integer(),
  isCustom: Type.Boolean(),
  status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
  ops: Type.Array(Type.String(), { description: 'Filter operators this field supports' }),
});

const ObjectSummaryProps = {
  apiName: Type.String(), label: LabelOut, pluralLabel: LabelOut, isCustom: Type.Boolean(),
  status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
};
export const ObjectSummary = Type.Object(ObjectSummaryProps);
export const ObjectOut = Type.Object({ ...ObjectSummaryProps, fields: Type.Array(FieldOut) });

export const ObjectCreateBody = Type.Object({
  apiName: Type.String({ ...NAME, description: 'camelCase plural, e.g. projects; becomes /api/v1/{apiName}' }),
  label: LabelSchema,
  pluralLabel: Type.Optional(LabelSchema),
}, { additionalProperties: false });

export const ObjectPatchBody = Type.Object({
  label: Type.Optional(LabelSchema),
  pluralLabel: Type.Optional(LabelSchema),
}, { additionalProperties: false });

const Flags = {
  required: Type.Optional(Type.Boolean()),
  unique: Type.Optional(Type.Boolean({ description: 'Enforced among live records with a unique index' })),
  filterable: Type.Optional(Type.Boolean({ description: 'Lists may filter by it; indexed' })),
  sensitive: Type.Optional(Type.Boolean({ description: 'Masked for viewers who may not unmask' })),
  options: Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Array(Type.Object({}, { additionalProperties: true }))],
    { description: 'Type-specific options; a select\'s options may be given as a bare list of {value, label}' })),
};

export const FieldCreateBody = Type.Object({
  apiName: Type.String(NAME),
  type: Type.String({ maxLength: 40, description: FIELD_TYPES.join(', ') }),
  label: LabelSchema,
  ...Flags,
}, { additionalProperties: false });

export const FieldPatchBody = Type.Object({
  label: Type.Optional(LabelSchema),
  ...Flags,
  type: Type.Optional(Type.String({ maxLength: 40, description: 'Cannot change; present only to get a clear error' })),
  apiName: Type.Optional(Type.String({ maxLength: 100, description: 'Cannot change; present only to get a clear error' })),
}, { additionalProperties: false });

export const FieldTypeOut = Type.Object({
  type: Type.String(), ops: Type.Array(Type.String()), computed: Type.Boolean(), canBeUnique: Type.Boolean(), indexed: Type.Boolean(),
  optionKeys: Type.Array(Type.String()),
});
