export default defineBackground(() => {
  console.log('PO Assist background started');
});
