// The generated typescript-fetch client as an integrator uses it: compiled (never run) with
// tsc --strict by TypeScriptClientIT, so the types the document gives are the ones code relies on.
// generated-client.ts re-exports the client generated from the service's document.
import {
  Configuration,
  ListOpportunitiesSortEnum,
  OpportunitiesApi,
  ResponseError,
  type Opportunity,
  type OpportunityInput,
  type OpportunityPatch,
  type Problem,
} from './generated-client';

const opportunities = new OpportunitiesApi(
  new Configuration({ basePath: 'https://crm.example.org', accessToken: 'key_id.secret' }),
);

export async function example(): Promise<Opportunity[]> {
  // several owners: an array, sent as ownerID=7&ownerID=9
  const page = await opportunities.listOpportunities({
    ownerID: [7, 9],
    sort: ListOpportunitiesSortEnum.CloseDatedesc,
    limit: 50,
  });
  const all: Opportunity[] = [...page.items];
  if (page.nextCursor) {
    const next = await opportunities.listOpportunities({ ownerID: [7, 9], cursor: page.nextCursor });
    all.push(...next.items);
  }
  // custom fields are typed properties
  const input: OpportunityInput = {
    ownerID: 7,
    dealStageID: 2,
    opportunityName: 'Acme Corp - 500 seats',
    closeDate: '2026-12-31',
    contractType: 'Annual',
    seats: 500,
    renewalDate: new Date('2027-12-31'),
  };
  const created = await opportunities.createOpportunity({ opportunityInput: input });
  const seats: number | null = created.seats;
  // a merge patch clears with null
  const patch: OpportunityPatch = { amount: null, contractType: null };
  try {
    await opportunities.patchOpportunity({ id: created.id, opportunityPatch: patch, ifMatch: '"1"' });
  } catch (error) {
    if (error instanceof ResponseError && error.response.status === 412) {
      const problem: Problem = await error.response.json();
      console.log(problem.detail, problem.requestId, seats);
    }
  }
  return all;
}
