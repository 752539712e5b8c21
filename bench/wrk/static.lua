-- The same GET for every request: the URL given to wrk (list pages, the health endpoint).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")
