/** Messages of saved list views, merged by platform/i18n/i18n.ts. */
export const messages: { 'zh-CN': Record<string, string>; 'en-US': Record<string, string> } = {
  'zh-CN': {
    'views.notFound': '视图不存在或您无权查看。',
    'views.notOwner': '只有视图的创建者或管理员可以修改或删除它。',
    'views.nameTaken': '您在该对象下已有名为“{name}”的视图，请换一个名称。',
    'views.badColumn': '“{value}”不是该对象的字段。',
    'views.badSort': '无法按“{value}”排序。',
    'views.badFilter': '筛选条件无效：{detail}',
  },
  'en-US': {
    'views.notFound': 'The view does not exist or you cannot see it.',
    'views.notOwner': 'Only the person who created a view, or an administrator, can change or delete it.',
    'views.nameTaken': 'You already have a view called "{name}" for this object; choose another name.',
    'views.badColumn': '"{value}" is not a field of this object.',
    'views.badSort': 'Lists cannot be sorted by "{value}".',
    'views.badFilter': 'The filter is not valid: {detail}',
  },
};
