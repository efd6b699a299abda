/** A small workshop session file (`workshop --from`): one question, its tally, the group's choice, an afspraak. */
export const WORKSHOP_SESSION = `dilemma: verward-gedrag-huisarts
participants: 12
trainer: {name: Trainer T., role: trainer, organisation: Leertuin Oefen}
steps:
  - node: persoonsgegeven
    tally: {ja: 7, gepseudonimiseerd: 3, nee: 2}
    choice: nee
    arguments: Volledig anoniem besproken
    minority: Twee deelnemers twijfelden over het dorp
afspraak: {rationale: "Oefening: anoniem bespreken mag."}
`;
