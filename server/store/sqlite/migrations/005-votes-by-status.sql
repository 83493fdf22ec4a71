-- The vote counts broadcast after every burst of votes read a slot's public questions only:
-- with this index that costs as many rows as there are public questions, however many wait
-- for moderation (or were hidden) in the slot.
CREATE INDEX question_by_slot_status ON question (slot_id, status);
