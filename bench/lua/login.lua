-- Logs the same user in over and over: the cost is the password check (bcrypt) plus token issue.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"bench-login","password":"correct horse battery"}'
