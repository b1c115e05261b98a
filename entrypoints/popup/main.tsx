import { render } from 'preact';
render(<p>PO Assist</p>, document.getElementById('app')!);
