import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Dropdown, Empty, Flex, Skeleton, Tag, Tree, Typography, type TreeProps } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, MoreOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { SettingsHeader } from '../shared/settings-header';
import { useDepartmentTree, useInvalidate, type Department } from '../shared/settings-api';
import { DepartmentMembers } from './department-members';
import { DepartmentModal, type DepartmentDialog } from './department-modal';
import { deleteDepartment, indexTree, moveDepartment } from './departments-api';

interface Node { key: string; title: ReactNode; children: Node[] }

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const tree = useDepartmentTree();
  const invalidate = useInvalidate();
  const [dialog, setDialog] = useState<DepartmentDialog | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const index = useMemo(() => indexTree(tree.data ?? []), [tree.data]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const seen = useRef(new Set<string>());

  // Every department is open at first, and so is one that just got its first sub-department; what the
  // person folded stays folded.
  useEffect(() => {
    const opened = [...index.byId.values()].filter((d) => (d.children ?? []).length > 0 && !seen.current.has(d.id)).map((d) => d.id);
    index.byId.forEach((d) => { if ((d.children ?? []).length > 0) seen.current.add(d.id); });
    if (opened.length) setExpanded((cur) => [...new Set([...cur, ...opened])]);
  }, [index]);

  function remove(d: Department) {
    modal.confirm({
      title: t('settings.common.confirmDelete', { name: d.name }),
      content: t('settings.departments.deleteHint'),
      okText: t('common.delete'), okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await deleteDepartment(d.id);
          if (selected === d.id) setSelected(null);
          await invalidate('departments');
          message.success(t('settings.common.deleted'));
        } catch (err) {
          // The server says exactly why (members, sub-departments, the top department): show it as is.
          modal.error({ title: t('settings.departments.deleteFailed'), content: errorMessage(err) });
        }
      },
    });
  }

  const title = (d: Department) => {
    const parentId = index.parentOf.get(d.id) ?? null;
    const items = [
      { key: 'add', icon: <PlusOutlined />, label: t('settings.departments.addChild'), onClick: () => setDialog({ mode: 'create', parentId: d.id }) },
      { key: 'edit', icon: <EditOutlined />, label: t('settings.departments.editAction'), onClick: () => setDialog({ mode: 'edit', department: d, parentId }) },
      ...(parentId ? [{ key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('common.delete'), onClick: () => remove(d) }] : []),
    ];
    return (
      <Flex align="center" gap={8} style={{ minHeight: 32 }}>
        <Typography.Text strong={!parentId}>{d.name}</Typography.Text>
        <Tag icon={<TeamOutlined />} style={{ marginInlineEnd: 0 }} aria-label={t('settings.departments.members', { count: d.userCount })}>
          {d.userCount}
        </Tag>
        <span onClick={(e) => e.stopPropagation()}>
          <Dropdown trigger={['click']} menu={{ items }}>
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('settings.common.actions')} />
          </Dropdown>
        </span>
      </Flex>
    );
  };

  const toNode = (d: Department): Node => ({ key: d.id, title: title(d), children: (d.children ?? []).map(toNode) });
  const nodes = (tree.data ?? []).map(toNode);

  const onDrop: TreeProps['onDrop'] = async (info) => {
    const dragId = String(info.dragNode.key);
    const targetId = String(info.node.key);
    const targetPos = Number(String(info.node.pos).split('-').pop());
    const parentId = info.dropToGap ? index.parentOf.get(targetId) ?? null : targetId;
    if (!parentId) {
      message.warning(t('settings.departments.oneRoot'));
      return;
    }
    const siblings = index.childrenOf(parentId);
    let at = siblings.length;
    if (info.dropToGap) {
      const targetIndex = siblings.findIndex((s) => s.id === targetId);
      at = info.dropPosition - targetPos < 0 ? targetIndex : targetIndex + 1;
      const from = siblings.findIndex((s) => s.id === dragId);
      if (from >= 0 && from < at) at -= 1;
    }
    setMoving(true);
    try {
      await moveDepartment(dragId, parentId, siblings, at);
      message.success(t('settings.departments.moved'));
    } catch (err) {
      modal.error({ title: t('settings.departments.moveFailed'), content: errorMessage(err) });
    } finally {
      await invalidate('departments', 'users');
      setMoving(false);
    }
  };

  const root = tree.data?.[0];
  const selectedDept = selected ? index.byId.get(selected) : undefined;

  return (
    <>
      <SettingsHeader title={t('settings.nav.departments')} subtitle={t('settings.departments.subtitle')}
        extra={root && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create', parentId: selected ?? root.id })}>
            {t('settings.departments.new')}
          </Button>
        )} />
      <Flex gap={16} vertical={isMobile} align="flex-start">
        <Card style={{ flex: 1, minWidth: 0, width: '100%' }} title={t('settings.departments.treeTitle')}
          extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{!isMobile && <><DragOutlined /> {t('settings.departments.dragHint')} · </>}{t('settings.departments.selectHint')}</Typography.Text>}>
          {tree.isPending ? <Skeleton active /> : tree.isError ? (
            <Alert type="error" showIcon title={errorMessage(tree.error)} />
          ) : nodes.length === 0 ? <Empty /> : (
            <Tree treeData={nodes} blockNode expandedKeys={expanded} onExpand={(keys) => setExpanded(keys.map(String))} draggable={!isMobile && !moving ? { icon: false } : false}
              selectedKeys={selected ? [selected] : []} onSelect={(keys) => setSelected(keys[0] ? String(keys[0]) : null)}
              onDrop={(info) => void onDrop(info)} disabled={moving} />
          )}
          {root && (root.children ?? []).length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ marginTop: 16 }} description={t('settings.departments.empty')}>
              <Button icon={<PlusOutlined />} onClick={() => setDialog({ mode: 'create', parentId: root.id })}>{t('settings.departments.addChild')}</Button>
            </Empty>
          )}
        </Card>
        {selectedDept && <DepartmentMembers department={selectedDept} />}
      </Flex>
      {dialog && <DepartmentModal dialog={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}
