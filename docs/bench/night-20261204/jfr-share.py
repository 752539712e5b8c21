import re,collections,sys
txt=open(sys.argv[1]).read()
events=txt.split('jdk.ExecutionSample {')[1:]
n=len(events); inc=collections.Counter()
for e in events:
    frames=set(re.findall(r'^\s+([\w$.<>]+)\(',e,re.M))
    for f in frames: inc[f]+=1
print(n, "samples")
for f in ['com.leadgencrm.opportunities.opportunity.OpportunityController.createBatch','com.leadgencrm.opportunities.opportunity.OpportunityBatches.record','com.leadgencrm.opportunities.event.EventRecorder.recordAll','com.leadgencrm.opportunities.event.EventRecorder.row','tools.jackson.databind.ObjectMapper.convertValue','tools.jackson.databind.ObjectMapper.writeValueAsString','com.leadgencrm.opportunities.event.PendingEvents.beforeCommit']:
    print(f"{inc[f]*100/n:5.1f}% {f}")
