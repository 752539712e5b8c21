import http.client, json, time, sys, statistics
key=sys.argv[1]
body=json.dumps({"method":"getOpportunities","params":{"where":{},"limit":500,"offset":int(sys.argv[2])},"id":1})
c=http.client.HTTPConnection("localhost",18100)
ts=[]
for i in range(60):
    t=time.time(); c.request("POST","/pubapi/v1?"+key,body,{"Content-Type":"application/json"}); r=c.getresponse(); d=r.read(); ts.append(time.time()-t)
    assert r.status==200
ts=ts[10:]
print("median %.1f ms p90 %.1f ms bytes %d rows %d"%(statistics.median(ts)*1000, sorted(ts)[int(len(ts)*0.9)]*1000, len(d), len(json.loads(d)["result"]["opportunity"])))
