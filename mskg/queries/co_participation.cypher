// title: Co-participation
// description: Actors that took part in the same events or are parties/signatories to the same agreements as an actor, with how many they share.
// param: actor entity — the actor, e.g. state/MAR
MATCH (a:Entity {id: $actor})-[:PARTICIPATED_IN|PARTY_TO|SIGNED]->(x:Entity)<-[:PARTICIPATED_IN|PARTY_TO|SIGNED]-(b:Entity)
WHERE b.id <> $actor
RETURN b.id AS id, b.label_en AS label, count(DISTINCT x) AS shared
ORDER BY shared DESC, id
