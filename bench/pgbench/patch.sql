-- (h) PATCH /opportunities/{id} {"amount": ...}: one single-row UPDATE by primary key (the service
-- also locks the row with SELECT ... FOR UPDATE, reads the field definitions and the stage, and
-- writes every column).
-- Variables (pgbench -D): max_id.
\set id random(1, :max_id)
\set amount random(50000, 25000000)
update opportunity set amount = round(:amount / 100.0, 2), version = version + 1, update_timestamp = now() where id = :id;
