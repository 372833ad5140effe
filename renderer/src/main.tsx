import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToDesk } from './api/transport';

const client = connectToDesk();
function App() {
  return (
    <main>
      <h1>Library Desk</h1>
    </main>
  );
}
void client;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
