begin;
select 1;
commit;
