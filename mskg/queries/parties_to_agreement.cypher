// title: Parties to an agreement
// description: The actors that are parties to an agreement (declaration, convention, MoU …).
// param: agreement entity — the agreement, e.g. agreement/cimo-algiers-declaration
MATCH (a:Entity)-[:PARTY_TO]->(:Entity {id: $agreement})
RETURN DISTINCT a.id AS id, a.label_en AS label
ORDER BY id
