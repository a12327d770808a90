-- The recorded supply the Implantation page reads: every structure loaded from the pack, in file order.
select * from stg_structures order by source, _line
