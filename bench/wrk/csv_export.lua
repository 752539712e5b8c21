-- (n) GET /opportunities with Accept: text/csv: the export of every opportunity the URL selects
-- (the whole data set by default), streamed. One request is the whole export: run it with one
-- connection, and read rows/s as requests/s x the data set size.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
wrk.headers["Accept"] = "text/csv"
