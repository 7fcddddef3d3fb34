-- serve-post.lua — the wrk script of bench/serve.sh: POST /api/v1/responses
-- with a unique id per request (prefix-thread-counter), so no request is a
-- duplicate; prints one tab-separated RESULT line for the table.
-- Environment: BENCH_AUTH ("Header: value"), BENCH_EXTRA (another header or
-- ""), BENCH_UNIT (unit code), BENCH_PREFIX (id prefix, unique per run);
-- or BENCH_CLERKS, a file of "unit<TAB>session<TAB>form token" lines (one
-- clerk per unit, bench/pg.sh): the requests go to them in turn, each with
-- its clerk's cookie and token.

local threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("tid", #threads)
end

local function add_header(h, line)
	if line ~= nil and line ~= "" then
		local k, v = line:match("^([^:]+):%s*(.*)$")
		h[k] = v
	end
end

function init(args)
	counter = 0
	ok2xx = 0
	headers = {["Content-Type"] = "application/json"}
	add_header(headers, os.getenv("BENCH_AUTH"))
	add_header(headers, os.getenv("BENCH_EXTRA"))
	prefix = os.getenv("BENCH_PREFIX") or "bench"
	unit = os.getenv("BENCH_UNIT") or "BENCH"
	clerks = {}
	local path = os.getenv("BENCH_CLERKS")
	if path ~= nil and path ~= "" then
		for line in io.lines(path) do
			local u, session, token = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
			if u ~= nil then
				table.insert(clerks, {unit = u, cookie = "hl_session=" .. session,
					token = token})
			end
		end
	end
	now = os.date("!%Y-%m-%dT%H:%M:%SZ")
end

function request()
	counter = counter + 1
	if #clerks > 0 then
		local c = clerks[(counter + tid) % #clerks + 1]
		unit = c.unit
		headers["Cookie"] = c.cookie
		headers["X-CSRF-Token"] = c.token
	end
	local body = string.format('{"id":"%s-%d-%d","unit":"%s","instrument":"sipas-5",' ..
		'"collected_at":"%s","answers":{"TC1":5,"TC2":4,"HC1":4,"HC2":5,"PV1":5,' ..
		'"KQ1":4,"TT1":3},"comment":"Cán bộ hướng dẫn nhiệt tình"}',
		prefix, tid, counter, unit, now)
	return wrk.format("POST", nil, headers, body)
end

function response(status, hdrs, body)
	if status >= 200 and status < 300 then
		ok2xx = ok2xx + 1
	end
end

function done(summary, latency, requests)
	local ok = 0
	for _, t in ipairs(threads) do
		ok = ok + t:get("ok2xx")
	end
	local secs = summary.duration / 1e6
	local e = summary.errors
	local errors = e.connect + e.read + e.write + e.timeout + (summary.requests - ok)
	io.write(string.format("RESULT\t%d\t%.1f\t%.1f\t%d\t%d\t%d\n", summary.requests,
		summary.requests / secs, ok / secs, latency:percentile(50), latency:percentile(99),
		errors))
end
