-- The reminders job asks each workspace every quarter of an hour for follow-ups whose next-contact time
-- has just come, whoever owns them; the owner-led index of 0100 cannot serve a range over all owners.
create index activities_next_contact_due_idx on activities (workspace_id, next_contact_at)
  where not next_contact_done and deleted_at is null;
