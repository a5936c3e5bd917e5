export { useCitizenCard } from './api';
export { CitizenPicker, citizenOptionLabel, type PickedCitizen } from './components/CitizenPicker';
export { emptyCitizenValues, fromCitizen, toCitizenInput, validateCitizen, type CitizenFormValues } from './form-values';
export { CitizenCardPage } from './pages/CitizenCardPage';
export { EditCitizenPage, NewCitizenPage } from './pages/CitizenEditPages';
export { citizensFeature } from './feature';
